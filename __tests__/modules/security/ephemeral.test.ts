import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { addEphemeral, expressionReference } from "../../../src/modules/security/ephemeral";

describe("ephemeral blocks", () => {
  it("are declared on the stack under a name unique to the construct, and referenced by address", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    const scope = new Construct(stack, "Secret");
    const address = addEphemeral(scope, "aws_secretsmanager_random_password", "value", { password_length: 48 });
    expect(address).toMatch(/^ephemeral\.aws_secretsmanager_random_password\.value_[0-9a-f]{8}$/);
    const name = address.split(".")[2];
    expect(JSON.parse(Testing.synth(stack)).ephemeral).toEqual({
      aws_secretsmanager_random_password: { [name]: { password_length: 48 } },
    });
  });

  it("render braced as an argument and bare inside a function call", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    const reference = expressionReference("ephemeral.x.y.value");
    new TerraformOutput(stack, "plain", { value: reference });
    new TerraformOutput(stack, "inside", { value: `prefix-${reference}` });
    const outputs = JSON.parse(Testing.synth(stack)).output;
    expect(outputs.plain.value).toBe("${ephemeral.x.y.value}");
    expect(outputs.inside.value).toBe("prefix-${ephemeral.x.y.value}");
  });
});
