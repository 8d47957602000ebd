/** STS (query protocol): the identity behind the fake credentials, for the provider and `aws_caller_identity`. */
import { type ServiceStub, STUB_ACCOUNT_ID, xmlFields } from "./protocol";

/** The IAM user the fake access key belongs to. */
export const STUB_USER_NAME = "titan-plan-offline";

export const sts: ServiceStub = {
  signingName: "sts",
  protocol: "query",
  xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/",
  operations: {
    GetCallerIdentity: () =>
      xmlFields({
        Arn: `arn:aws:iam::${STUB_ACCOUNT_ID}:user/${STUB_USER_NAME}`,
        UserId: "AIDAOFFLINESTUBUSER00",
        Account: STUB_ACCOUNT_ID,
      }),
  },
};
