// The stand-in's automatic JSX runtime, shaped like @types/react 19's.
import * as React from "./";
export { JSX } from "./";

export function jsx(type: React.JSX.ElementType, props: unknown, key?: React.Key): React.ReactElement;
export function jsxs(type: React.JSX.ElementType, props: unknown, key?: React.Key): React.ReactElement;
export const Fragment: unique symbol;
