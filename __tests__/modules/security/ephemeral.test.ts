import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { Construct } from "constructs";
import { addEphemeralBlock, ephemeralName, ephemeralReference } from "../../../src/modules/security/ephemeral";

describe("ephemeral blocks", () => {
  it("are declared on the stack under a name unique to the construct, and referenced by address", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    const scope = new Construct(stack, "Secret");
    const name = ephemeralName(scope, "value");
    expect(name).toMatch(/^value_[0-9a-f]{8}$/);
    const address = addEphemeralBlock(scope, "aws_secretsmanager_random_password", name, { password_length: 48 });
    expect(address).toBe(`ephemeral.aws_secretsmanager_random_password.${name}`);
    expect(JSON.parse(Testing.synth(stack)).ephemeral).toEqual({
      aws_secretsmanager_random_password: { [name]: { password_length: 48 } },
    });
  });

  it("render braced as an argument and bare inside a conditional expression", () => {
    const stack = new TerraformStack(Testing.app(), "stack");
    const reference = ephemeralReference("ephemeral.x.y.a == 2 ? ephemeral.x.y.b : ephemeral.x.y.c");
    new TerraformOutput(stack, "plain", { value: reference });
    new TerraformOutput(stack, "inside", { value: `prefix-${reference}` });
    const outputs = JSON.parse(Testing.synth(stack)).output;
    expect(outputs.plain.value).toBe("${ephemeral.x.y.a == 2 ? ephemeral.x.y.b : ephemeral.x.y.c}");
    expect(outputs.inside.value).toBe("prefix-${ephemeral.x.y.a == 2 ? ephemeral.x.y.b : ephemeral.x.y.c}");
  });
});
