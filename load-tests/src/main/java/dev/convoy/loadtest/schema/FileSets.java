package dev.convoy.loadtest.schema;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.convoy.loadtest.grpc.MethodName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** File descriptors from their protos, dependencies first, and method look-up in them. */
public final class FileSets {

  private FileSets() {}

  /** Reads a {@code --protoset} file. */
  public static List<FileDescriptor> readProtoset(Path path) throws SchemaException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new SchemaException("could not load protoset file \"" + path + "\": " + e, e);
    }
    try {
      return build(FileDescriptorSet.parseFrom(bytes).getFileList());
    } catch (InvalidProtocolBufferException e) {
      throw new SchemaException(
          "could not parse contents of protoset file \"" + path + "\": " + e.getMessage(), e);
    }
  }

  /** Builds every file of {@code protos}; a dependency must be among them. */
  public static List<FileDescriptor> build(List<FileDescriptorProto> protos)
      throws SchemaException {
    Map<String, FileDescriptorProto> byName = new LinkedHashMap<>();
    protos.forEach(p -> byName.put(p.getName(), p));
    Map<String, FileDescriptor> built = new HashMap<>();
    List<FileDescriptor> files = new ArrayList<>();
    for (String name : byName.keySet()) {
      files.add(build(name, byName, built));
    }
    return files;
  }

  private static FileDescriptor build(String name, Map<String, FileDescriptorProto> byName,
      Map<String, FileDescriptor> built) throws SchemaException {
    FileDescriptor done = built.get(name);
    if (done != null) {
      return done;
    }
    FileDescriptorProto proto = byName.get(name);
    if (proto == null) {
      throw new SchemaException("no descriptor found for \"" + name + "\"");
    }
    List<FileDescriptor> deps = new ArrayList<>();
    for (String dep : proto.getDependencyList()) {
      deps.add(build(dep, byName, built));
    }
    try {
      FileDescriptor file = FileDescriptor.buildFrom(proto, deps.toArray(FileDescriptor[]::new));
      built.put(name, file);
      return file;
    } catch (DescriptorValidationException e) {
      throw new SchemaException("invalid descriptor \"" + name + "\": " + e.getMessage(), e);
    }
  }

  /** The method {@code name} in {@code files}, or ghz's error. */
  public static Descriptors.MethodDescriptor find(List<FileDescriptor> files, MethodName name)
      throws SchemaException {
    for (FileDescriptor file : files) {
      for (Descriptors.ServiceDescriptor service : file.getServices()) {
        if (service.getFullName().equals(name.service())) {
          Descriptors.MethodDescriptor method = service.findMethodByName(name.method());
          if (method == null) {
            throw new SchemaException("service \"" + name.service()
                + "\" does not include a method named \"" + name.method() + "\"");
          }
          return method;
        }
      }
    }
    throw new SchemaException("cannot find service \"" + name.service() + "\"");
  }
}
