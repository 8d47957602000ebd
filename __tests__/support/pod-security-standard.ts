/**
 * The Pod Security Standards' `restricted` profile (https://kubernetes.io/docs/concepts/security/pod-security-standards/),
 * as the admission controller applies it to a pod spec, for specs that must prove the pods titan
 * and its charts run are admitted where their namespace enforces it. Terraform's snake_case pod
 * specs (`container`, `init_container`, `volume`, `security_context`) are read as the API's.
 */

type Obj = Record<string, unknown>;

/** Volume types `restricted` admits. */
const RESTRICTED_VOLUMES = [
  "configMap",
  "csi",
  "downwardAPI",
  "emptyDir",
  "ephemeral",
  "persistentVolumeClaim",
  "projected",
  "secret",
];

const TERRAFORM_LISTS: Readonly<Record<string, string>> = {
  container: "containers",
  init_container: "initContainers",
  volume: "volumes",
  port: "ports",
  volume_mount: "volumeMounts",
};

/** A Terraform (kubernetes provider) pod spec in the API's shape: camelCase keys, plural lists, single blocks unwrapped. */
export function fromTerraform(value: unknown, key = ""): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => fromTerraform(item));
    return key in TERRAFORM_LISTS || key === "drop" || key === "add" || key === "command" || key === "env"
      ? items
      : items.length === 1 && typeof items[0] === "object"
        ? items[0]
        : items;
  }
  if (typeof value !== "object" || value === null) {
    return value;
  }
  return Object.fromEntries(
    Object.entries(value as Obj).map(([k, v]) => [
      TERRAFORM_LISTS[k] ?? k.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase()),
      fromTerraform(v, k),
    ]),
  );
}

function obj(value: unknown): Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Obj) : {};
}

function list(value: unknown): Obj[] {
  return Array.isArray(value) ? value.map(obj) : [];
}

/** What keeps `pod` (a PodSpec) out of a namespace enforcing `restricted`; empty when it is admitted. */
export function restrictedViolations(pod: Obj): string[] {
  const podSecurity = obj(pod.securityContext);
  const hostNamespaces = ["hostNetwork", "hostPID", "hostIPC"].filter((host) => pod[host] === true);
  const volumes = list(pod.volumes).flatMap((volume) => {
    const kind = Object.keys(volume).find((k) => k !== "name");
    return kind !== undefined && RESTRICTED_VOLUMES.includes(kind)
      ? []
      : [`volume ${String(volume.name)} is ${kind ?? "of no type"}`];
  });
  return [
    ...hostNamespaces.map((host) => `pod sets ${host}`),
    ...volumes,
    ...[...list(pod.containers), ...list(pod.initContainers)].flatMap((c) => containerViolations(c, podSecurity)),
  ];
}

/** One container's departures from `restricted`, its pod's security context filling what it leaves unset. */
function containerViolations(container: Obj, podSecurity: Obj): string[] {
  const name = `container ${String(container.name)}`;
  const security = obj(container.securityContext);
  const user = security.runAsUser ?? podSecurity.runAsUser;
  const seccomp = obj(security.seccompProfile).type ?? obj(podSecurity.seccompProfile).type;
  const capabilities = obj(security.capabilities);
  const dropped = Array.isArray(capabilities.drop) ? capabilities.drop : [];
  const added = (Array.isArray(capabilities.add) ? capabilities.add : []).filter((c) => c !== "NET_BIND_SERVICE");
  const hostPorts = list(container.ports).filter((port) => port.hostPort !== undefined && port.hostPort !== 0);
  const problems: (string | false)[] = [
    security.privileged === true && `${name} is privileged`,
    security.allowPrivilegeEscalation !== false && `${name} may escalate privileges`,
    (security.runAsNonRoot ?? podSecurity.runAsNonRoot) !== true && `${name} may run as root (runAsNonRoot unset)`,
    user !== undefined && Number(user) === 0 && `${name} runs as uid 0`,
    seccomp !== "RuntimeDefault" &&
      seccomp !== "Localhost" &&
      `${name} has no RuntimeDefault or Localhost seccomp profile`,
    !dropped.includes("ALL") && `${name} does not drop ALL capabilities`,
    added.length > 0 && `${name} adds ${added.join(", ")}`,
    ...hostPorts.map((port) => `${name} uses hostPort ${String(port.hostPort)}`),
  ];
  return problems.filter((problem): problem is string => typeof problem === "string");
}
