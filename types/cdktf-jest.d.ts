// cdktf declares its jest matchers (toHaveResourceWithProperties, toBeValidTerraform, ...) in a
// module that its index does not import; this brings the declarations into the test build.
import "cdktf/lib/testing/adapters/jest";
