import type { TitanConfig } from "./schema";

type Leaves<T, Prefix extends string> = T extends readonly unknown[]
  ? Prefix
  : T extends object
    ? { [K in keyof T & string]-?: Leaves<NonNullable<T[K]>, `${Prefix}.${K}`> }[keyof T & string]
    : Prefix;

/**
 * The dotted path of a config setting (`database.instances.dr`), as errors and the README name it.
 * Lists are settings of their own (`kubernetes.adminRoleArns`), not paths into their items.
 */
export type ConfigPath = {
  [K in keyof TitanConfig & string]-?: Leaves<NonNullable<TitanConfig[K]>, K>;
}[keyof TitanConfig & string];
