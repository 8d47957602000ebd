/** RDS (query protocol): `DescribeOrderableDBInstanceOptions` for `aws_rds_orderable_db_instance`. */
import { requiredInput, type ServiceStub, stringInput, xmlFields } from "./protocol";

export const rds: ServiceStub = {
  signingName: "rds",
  protocol: "query",
  xmlNamespace: "http://rds.amazonaws.com/doc/2014-10-31/",
  operations: {
    DescribeOrderableDBInstanceOptions: (input, { region }) => {
      const engine = requiredInput(input, "Engine");
      const zones = ["a", "b", "c"]
        .map((letter) => `<AvailabilityZone><Name>${region}${letter}</Name></AvailabilityZone>`)
        .join("");
      const option = xmlFields({
        Engine: engine,
        EngineVersion: stringInput(input, "EngineVersion") ?? "16.6",
        DBInstanceClass: stringInput(input, "DBInstanceClass") ?? "db.r6g.large",
        LicenseModel:
          stringInput(input, "LicenseModel") ??
          (engine.includes("postgres") ? "postgresql-license" : "general-public-license"),
        MultiAZCapable: true,
        ReadReplicaCapable: true,
        StorageType: "aurora",
        SupportsClusters: true,
        SupportsEnhancedMonitoring: true,
        SupportsGlobalDatabases: true,
        SupportsIAMDatabaseAuthentication: true,
        SupportsIops: false,
        SupportsKerberosAuthentication: false,
        SupportsPerformanceInsights: true,
        SupportsStorageAutoscaling: false,
        SupportsStorageEncryption: true,
        SupportsStorageThroughput: false,
        Vpc: true,
      });
      return (
        `<OrderableDBInstanceOptions><OrderableDBInstanceOption><AvailabilityZones>${zones}</AvailabilityZones>` +
        `${option}<SupportedEngineModes><member>provisioned</member></SupportedEngineModes>` +
        "</OrderableDBInstanceOption></OrderableDBInstanceOptions>"
      );
    },
  },
};
