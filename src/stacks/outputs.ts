/**
 * Names of the outputs that cross stacks. A consumer reads a producer's state by these names, so
 * both sides import them from here and a rename cannot break one side silently.
 */
export const CROSS_STACK_OUTPUTS = {
  /** primary -> dr: the Aurora global writer endpoint that the generic DB name points at. */
  auroraGlobalWriterEndpoint: "aurora_global_writer_endpoint",
  /** primary -> dr: the Global Datastore id, which AWS prefixes, so DR cannot derive it. */
  cacheGlobalReplicationGroupId: "cache_global_replication_group_id",
  /** primary, dr -> global: each region's ALB, the origins of the failover records. */
  albDnsName: "alb_dns_name",
  albZoneId: "alb_zone_id",
} as const;
