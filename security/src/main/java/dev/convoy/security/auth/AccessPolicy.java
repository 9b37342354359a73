package dev.convoy.security.auth;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.convoy.proto.security.v1.AuthPolicy;
import dev.convoy.proto.security.v1.PrincipalRoles;
import dev.convoy.proto.security.v1.RoleGrant;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which principal may call which endpoint groups: the {@code AuthPolicy} of a policy file
 * (JSON), checked once: an unknown group or role, or a malformed principal, fails loudly.
 */
public final class AccessPolicy {
  private final Map<String, Set<EndpointGroup>> groupsByPrincipal;
  private final Optional<Path> tokensFile;

  private AccessPolicy(Map<String, Set<EndpointGroup>> groupsByPrincipal, Optional<Path> tokensFile) {
    this.groupsByPrincipal = Map.copyOf(groupsByPrincipal);
    this.tokensFile = tokensFile;
  }

  /**
   * Reads a policy file.
   *
   * @throws IllegalArgumentException naming the file and what is wrong in it
   */
  public static AccessPolicy read(Path file) {
    AuthPolicy.Builder policy = AuthPolicy.newBuilder();
    try {
      JsonFormat.parser().merge(Files.readString(file, StandardCharsets.UTF_8), policy);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the policy file " + file, e);
    }
    Path dir = file.toAbsolutePath().getParent();
    return of(policy.build(), file.toString(),
        policy.getTokensFile().isEmpty() ? Optional.empty() : Optional.of(dir.resolve(policy.getTokensFile())));
  }

  /** The policy of {@code policy}; {@code origin} names it in errors. */
  public static AccessPolicy of(AuthPolicy policy, String origin, Optional<Path> tokensFile) {
    Map<String, Set<EndpointGroup>> roles = new HashMap<>();
    for (Map.Entry<String, RoleGrant> role : policy.getRolesMap().entrySet()) {
      Set<EndpointGroup> groups = EnumSet.noneOf(EndpointGroup.class);
      for (String name : role.getValue().getGroupsList()) {
        groups.add(EndpointGroup.byPolicyName(name).orElseThrow(() -> new IllegalArgumentException(origin
            + ": role '" + role.getKey() + "' names an unknown endpoint group '" + name + "' (groups: "
            + EndpointGroup.allNames() + ")")));
      }
      roles.put(role.getKey(), groups);
    }
    Map<String, Set<EndpointGroup>> byPrincipal = new HashMap<>();
    for (Map.Entry<String, PrincipalRoles> principal : policy.getPrincipalsMap().entrySet()) {
      if (!PrincipalNames.valid(principal.getKey())) {
        throw new IllegalArgumentException(origin + ": principal '" + principal.getKey()
            + "' is not 1 to " + PrincipalNames.MAX_LENGTH + " printable characters without spaces");
      }
      Set<EndpointGroup> groups = EnumSet.noneOf(EndpointGroup.class);
      for (String role : principal.getValue().getRolesList()) {
        Set<EndpointGroup> granted = roles.get(role);
        if (granted == null) {
          throw new IllegalArgumentException(origin + ": principal '" + principal.getKey()
              + "' has an unknown role '" + role + "' (roles: " + String.join(", ", roles.keySet()) + ")");
        }
        groups.addAll(granted);
      }
      byPrincipal.put(principal.getKey(), groups);
    }
    return new AccessPolicy(byPrincipal, tokensFile);
  }

  public boolean allows(String principal, EndpointGroup group) {
    Set<EndpointGroup> groups = groupsByPrincipal.get(principal);
    return groups != null && groups.contains(group);
  }

  /** The tokens file the policy names, resolved against the policy file's directory. */
  public Optional<Path> tokensFile() {
    return tokensFile;
  }
}
