/**
 * Names of the outputs that carry values AWS generates, for operators and for later stacks. DR
 * does not read them (it reads the handoff parameters primary writes into its region, see
 * src/stacks/handoff.ts); a stack that reads another's state takes the names from here.
 */
export const CROSS_STACK_OUTPUTS = {
  /** primary -> dr: the Aurora global writer endpoint that the generic DB name points at. */
  auroraGlobalWriterEndpoint: "aurora_global_writer_endpoint",
  /** primary -> dr: the Global Datastore id, which AWS prefixes, so DR cannot derive it. */
  cacheGlobalReplicationGroupId: "cache_global_replication_group_id",
  /**
   * Each region's ALB, for operators. `global` does not read them: it aliases the regions' own
   * origin names (`<role>.origin.<apiHostname>`), known from config.
   */
  albDnsName: "alb_dns_name",
  albZoneId: "alb_zone_id",
} as const;
