// The stand-in's `preact` module: `JSX` is an alias of `JSXInternal`, as in Preact 10.
import { JSXInternal } from "./jsx";

export import JSX = JSXInternal;
export function h(type: string, props: unknown, ...children: unknown[]): JSXInternal.Element;
