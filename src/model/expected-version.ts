/**
 * The version of a resource a writer says it read (optimistic concurrency): the versions it accepts, or `any`
 * when it only needs the resource to exist. A write whose resource is at another version is stale and refused.
 */
export type ExpectedVersion = 'any' | readonly string[];
