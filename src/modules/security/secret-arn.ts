/**
 * The ARN pattern of a Secrets Manager secret by name, in one region.
 *
 * A secret's ARN ends in six random characters, so a replica's ARN (the DR copy of the database
 * secret) cannot be known before it exists. Its name is the same in every region, so policies
 * grant `<name>-??????` and clients read the secret by name in their own region.
 */
export function secretArnPattern(region: string, accountId: string, secretName: string): string {
  return `arn:aws:secretsmanager:${region}:${accountId}:secret:${secretName}-??????`;
}
