/**
 * The offline deploy check: each kustomization of gpu-images/k8s rendered by kustomize, read
 * strictly into fabric8's typed Kubernetes model and checked against the API's OpenAPI
 * schemas; every Convoy container's command line parsed by its service's own option parser;
 * and the parts checked against each other (ports, probes, Services, the router's pools,
 * shutdown timing, autoscaling, NetworkPolicies, the pools' model repositories).
 */
package dev.convoy.deploy;
