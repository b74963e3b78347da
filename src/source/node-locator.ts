/**
 * Finds the source position of any value in a parsed YAML/JSON document by its
 * property path. Each mapping's keys are indexed on first use, so thousands of
 * diagnostics in a large file cost one pass per mapping, not one per lookup.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from "yaml";
import type { Position } from "../diagnostics.js";
import { START } from "../diagnostics.js";
import type { PropertyPath } from "../manifest/types.js";

export interface Locator {
  locate(path: PropertyPath): Position;
  locateKey(path: PropertyPath): Position;
}

export function makeLocator(root: unknown, pos: (offset: number) => Position): Locator {
  const keyIndex = new WeakMap<YAMLMap, Map<unknown, Pair>>();
  const pairOf = (map: YAMLMap, key: string | number): Pair | undefined => {
    let index = keyIndex.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const k = pair.key.value;
        if (!index.has(k)) index.set(k, pair);
        // JS property paths are strings: `200:` in YAML is the number 200.
        if (typeof k !== "string" && !index.has(String(k))) index.set(String(k), pair);
      }
      keyIndex.set(map, index);
    }
    return index.get(key);
  };

  const nodeAt = (path: PropertyPath): Node | null => {
    let node: unknown = root;
    let lastFound: Node | null = (root as Node | null) ?? null;
    for (const key of path) {
      if (isMap(node)) node = pairOf(node, key)?.value;
      else if (isSeq(node) && typeof key === "number") node = node.items[key];
      else break;
      if (node === undefined || node === null) break;
      lastFound = node as Node;
    }
    return lastFound;
  };
  const locate = (path: PropertyPath): Position => {
    const node = nodeAt(path);
    return node?.range ? pos(node.range[0]) : START;
  };
  const locateKey = (path: PropertyPath): Position => {
    if (path.length === 0) return locate(path);
    const parent = nodeAt(path.slice(0, -1));
    const last = path[path.length - 1];
    if (isMap(parent) && last !== undefined) {
      const keyNode = pairOf(parent, last)?.key as Node | undefined;
      if (keyNode?.range) return pos(keyNode.range[0]);
    }
    return locate(path);
  };
  return { locate, locateKey };
}
