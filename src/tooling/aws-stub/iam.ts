/**
 * IAM (query protocol). With `skip_credentials_validation` the provider finds its account id by
 * `GetUser` first (STS only as a fallback), so the fake user is answered here.
 */
import { type ServiceStub, STUB_ACCOUNT_ID, xmlFields } from "./protocol";
import { STUB_USER_NAME } from "./sts";

export const iam: ServiceStub = {
  signingName: "iam",
  protocol: "query",
  xmlNamespace: "https://iam.amazonaws.com/doc/2010-05-08/",
  operations: {
    GetUser: () =>
      `<User>${xmlFields({
        Path: "/",
        UserName: STUB_USER_NAME,
        UserId: "AIDAOFFLINESTUBUSER00",
        Arn: `arn:aws:iam::${STUB_ACCOUNT_ID}:user/${STUB_USER_NAME}`,
        CreateDate: "2024-01-01T00:00:00Z",
      })}</User>`,
  },
};
