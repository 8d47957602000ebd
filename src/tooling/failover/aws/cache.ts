/** ElastiCache Global Datastore: which member is primary, and promoting another. */
import {
  DescribeGlobalReplicationGroupsCommand,
  type ElastiCacheClient,
  FailoverGlobalReplicationGroupCommand,
} from "@aws-sdk/client-elasticache";

export interface DatastoreState {
  readonly id: string;
  readonly status: string;
  readonly primaryReplicationGroupId?: string;
}

/** The Global Datastore whose id ends with `suffix` (AWS prefixes it per region). */
export async function describeDatastore(client: ElastiCacheClient, suffix: string): Promise<DatastoreState> {
  const { GlobalReplicationGroups = [] } = await client.send(
    new DescribeGlobalReplicationGroupsCommand({ ShowMemberInfo: true }),
  );
  const group = GlobalReplicationGroups.find((candidate) => candidate.GlobalReplicationGroupId?.endsWith(`-${suffix}`));
  if (!group?.GlobalReplicationGroupId) {
    throw new Error(`no Global Datastore ending in -${suffix}`);
  }
  return {
    id: group.GlobalReplicationGroupId,
    status: group.Status ?? "unknown",
    primaryReplicationGroupId: group.Members?.find((member) => member.Role === "PRIMARY")?.ReplicationGroupId,
  };
}

export async function promoteDatastoreMember(
  client: ElastiCacheClient,
  id: string,
  region: string,
  replicationGroupId: string,
): Promise<void> {
  await client.send(
    new FailoverGlobalReplicationGroupCommand({
      GlobalReplicationGroupId: id,
      PrimaryRegion: region,
      PrimaryReplicationGroupId: replicationGroupId,
    }),
  );
}
