// The stand-in's automatic JSX runtime, shaped like Preact 10's: it imports
// `preact`, so `preact`'s augmentations apply to its `JSX`.
import type { h } from "preact";
import { JSXInternal } from "./jsx";

export { JSXInternal as JSX };
export function jsx(type: string, props: unknown, key?: unknown): ReturnType<typeof h>;
export function jsxs(type: string, props: unknown, key?: unknown): ReturnType<typeof h>;
export const Fragment: unique symbol;
