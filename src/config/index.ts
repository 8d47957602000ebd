export { type RegionState, regionState } from "./active-role";
export { DEFAULT_CONFIG } from "./defaults";
export { ConfigFileError, type ConfigProblem, ConfigValidationError } from "./errors";
export { loadConfigFile, loadConfigFromEnvironment, resolveConfig } from "./load";
export type { ConfigPath } from "./paths";
export { REGION_ROLES, type RegionRole } from "./regions";
export { configSchema, type RegionConfig, type TitanConfig } from "./schema";
export { configWarnings } from "./warnings";
