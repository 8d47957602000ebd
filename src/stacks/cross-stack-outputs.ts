/**
 * Names of the regional stacks' outputs that carry values AWS generates, for operators and for
 * tooling that reads a stack's state. No stack reads another's: DR reads the handoff parameters
 * primary writes into its region (`regional/dr-handoff.ts`), and `global` needs only names known
 * from config. A reader takes the names from here, so a rename cannot break it silently.
 */
export const CROSS_STACK_OUTPUTS = {
  /**
   * primary: the Aurora global writer endpoint, which AWS repoints on a switchover or failover
   * (what to check after the runbook's database step; the apps use their own cluster's endpoints).
   */
  auroraGlobalWriterEndpoint: "aurora_global_writer_endpoint",
  /** primary: the Global Datastore id, which AWS prefixes, so DR cannot derive it (it reads the handoff). */
  cacheGlobalReplicationGroupId: "cache_global_replication_group_id",
  /**
   * Each region's ALB, for operators. `global` does not read them: it aliases the regions' own
   * origin names (`<role>.origin.<apiHostname>`), known from config.
   */
  albDnsName: "alb_dns_name",
  albZoneId: "alb_zone_id",
} as const;
