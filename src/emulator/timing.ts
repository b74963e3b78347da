/**
 * How long asynchronous transitions take. "fast" keeps tests quick while still
 * forcing callers through their wait loops (a status is never final in the
 * response that started it); "realistic" approximates what Bedrock takes.
 */
export type LatencyProfile = "fast" | "realistic";

export type TransitionDelayKind = "create" | "update" | "prepare" | "versioning" | "alias" | "delete";

type Range = readonly [minMs: number, maxMs: number];

const PROFILES: Record<LatencyProfile, Record<TransitionDelayKind, Range>> = {
  fast: {
    create: [20, 60],
    update: [20, 60],
    prepare: [20, 60],
    versioning: [20, 60],
    alias: [20, 60],
    delete: [20, 60],
  },
  realistic: {
    create: [1_000, 3_000],
    update: [1_000, 3_000],
    prepare: [5_000, 15_000],
    versioning: [2_000, 5_000],
    alias: [1_000, 3_000],
    delete: [1_000, 3_000],
  },
};

export function isLatencyProfile(value: string): value is LatencyProfile {
  return value === "fast" || value === "realistic";
}

/** A delay drawn uniformly within the profile's bounds; not seeded (timing is never asserted on). */
export function transitionDelayMs(profile: LatencyProfile, kind: TransitionDelayKind): number {
  const [min, max] = PROFILES[profile][kind];
  return Math.round(min + Math.random() * (max - min));
}
