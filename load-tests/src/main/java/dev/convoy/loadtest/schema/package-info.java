/**
 * Where a run learns the called method's request and response types, as ghz does: a
 * {@code --proto} file (compiled by protoc), a {@code --protoset} (a FileDescriptorSet), or
 * the server's reflection service; Convoy's inference service is carried built in. Requests
 * are then protobuf {@code DynamicMessage}s built from the descriptors.
 */
package dev.convoy.loadtest.schema;
