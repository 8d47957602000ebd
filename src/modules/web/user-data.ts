import { Fn, Token } from "cdktf";
import { appDatabaseEnvironment } from "../database/app-connection";

/** What an instance needs to know at boot; none of it is secret. */
export interface WebBootstrapValues {
  /** The app's systemd unit (`<appName>.service`) and settings directory (`/etc/<appName>`). */
  readonly appName: string;
  readonly region: string;
  readonly appPort: number;
  readonly dbHost: string;
  readonly dbPort: number;
  readonly dbName: string;
  /** The app's own PostgreSQL role, which logs in with an IAM token (never the master user). */
  readonly dbUser: string;
  readonly cacheHost: string;
  readonly cachePort: number;
  readonly cacheUserId: string;
  readonly cacheReplicationGroupId: string;
  readonly logGroupName: string;
}

/**
 * The web instances' boot script, base64-encoded for a launch template's `user_data`.
 *
 * It writes the app's connection settings to `/etc/<appName>/app.env`, makes the app's unit read
 * them through a drop-in, starts the app, then ships syslog (where journald forwards the app's
 * output) and cloud-init's log to CloudWatch Logs. It carries no password: the app signs
 * IAM authentication tokens for Aurora (`rds-db:connect`, for the endpoint `DB_HOST` resolves to:
 * see AppDatabaseConnection) and Redis with the instance role.
 *
 * When every value is known at synth the script is encoded here, so the synthesized JSON shows
 * exactly what instances run; when some come from other resources (the secret's ARN, the Redis
 * endpoint), Terraform encodes it at apply, with the script's own text passed as escaped literals.
 */
export function webUserData(values: WebBootstrapValues): string {
  const { strings, values: inserted } = bootstrapScript(values);
  if (!inserted.some((value) => Token.isUnresolved(value))) {
    return Buffer.from(interleave(strings, inserted).join(""), "utf8").toString("base64");
  }
  for (const literal of strings) {
    // Terraform would read these as template syntax: Fn.rawString escapes only `${` and quotes.
    if (literal.includes("%{") || literal.includes("\\")) {
      throw new Error("webUserData: the script must not contain %{ or backslashes");
    }
  }
  const parts = interleave(
    strings.map((literal) => Fn.rawString(literal)),
    inserted.map((value) => (Token.isUnresolved(value) ? value : Fn.rawString(value))),
  );
  return Fn.base64encode(Fn.join("", parts));
}

interface Template {
  readonly strings: readonly string[];
  readonly values: readonly string[];
}

function template(strings: TemplateStringsArray, ...values: (string | number)[]): Template {
  return { strings: [...strings], values: values.map(String) };
}

function interleave(strings: readonly string[], values: readonly string[]): string[] {
  return strings.flatMap((literal, index) => (index < values.length ? [literal, values[index]] : [literal]));
}

function bootstrapScript(v: WebBootstrapValues): Template {
  // The database contract (AppDatabaseConnection), one line per setting so a reference stays a value.
  const db = appDatabaseEnvironment({ host: v.dbHost, port: v.dbPort, name: v.dbName, user: v.dbUser });
  return template`#!/bin/bash
# titan web tier bootstrap: connection settings and log shipping. No secret is written here.
set -euo pipefail

install -d -m 0755 /etc/${v.appName}
cat > /etc/${v.appName}/app.env <<'ENV'
AWS_REGION=${v.region}
APP_PORT=${v.appPort}
DB_HOST=${db.DB_HOST}
DB_HOST_IS_CNAME=${db.DB_HOST_IS_CNAME}
DB_PORT=${db.DB_PORT}
DB_NAME=${db.DB_NAME}
DB_USER=${db.DB_USER}
DB_IAM_AUTH=${db.DB_IAM_AUTH}
DB_SSLMODE=${db.DB_SSLMODE}
REDIS_HOST=${v.cacheHost}
REDIS_PORT=${v.cachePort}
REDIS_TLS=true
REDIS_USER=${v.cacheUserId}
REDIS_REPLICATION_GROUP_ID=${v.cacheReplicationGroupId}
ENV

install -d -m 0755 /etc/systemd/system/${v.appName}.service.d
cat > /etc/systemd/system/${v.appName}.service.d/titan.conf <<'UNIT'
[Service]
EnvironmentFile=/etc/${v.appName}/app.env
UNIT
systemctl daemon-reload
systemctl enable --now ${v.appName}.service

CWA=/opt/aws/amazon-cloudwatch-agent
if [ ! -x $CWA/bin/amazon-cloudwatch-agent-ctl ]; then
  curl -fsSL -o /tmp/amazon-cloudwatch-agent.deb https://amazoncloudwatch-agent-${v.region}.s3.${v.region}.amazonaws.com/ubuntu/$(dpkg --print-architecture)/latest/amazon-cloudwatch-agent.deb
  dpkg -i -E /tmp/amazon-cloudwatch-agent.deb
fi
cat > $CWA/etc/titan.json <<'CONFIG'
{"logs": {"logs_collected": {"files": {"collect_list": [
  {"file_path": "/var/log/syslog", "log_group_name": "${v.logGroupName}", "log_stream_name": "{instance_id}/syslog"},
  {"file_path": "/var/log/cloud-init-output.log", "log_group_name": "${v.logGroupName}", "log_stream_name": "{instance_id}/cloud-init"}
]}}}}
CONFIG
$CWA/bin/amazon-cloudwatch-agent-ctl -a fetch-config -m ec2 -s -c file:$CWA/etc/titan.json
`;
}
