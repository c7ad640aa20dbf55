// A stand-in for Preact 10's JSX types in the package's type tests (the
// project installs TypeScript only): Preact's shape (`JSXInternal`, exported
// by `preact` as `JSX` and by `preact/jsx-runtime`), reduced to what the tests
// use.
type Ref<T> = { current: T | null } | ((instance: T | null) => void) | null;
type ComponentChild = JSXInternal.Element | string | number | bigint | boolean | null | undefined;
type ComponentChildren = ComponentChild[] | ComponentChild;

export namespace JSXInternal {
  interface Element {
    type: unknown;
    props: unknown;
    key: unknown;
  }
  interface ElementChildrenAttribute {
    children: unknown;
  }
  interface IntrinsicAttributes {
    key?: unknown;
  }
  interface HTMLAttributes<RefType extends EventTarget = EventTarget> {
    children?: ComponentChildren;
    class?: string | undefined;
    className?: string | undefined;
    dir?: "auto" | "rtl" | "ltr" | undefined;
    id?: string | undefined;
    lang?: string | undefined;
    ref?: Ref<RefType> | undefined;
    href?: string | undefined;
  }
  interface IntrinsicElements {
    a: HTMLAttributes<HTMLAnchorElement>;
    aside: HTMLAttributes<HTMLElement>;
  }
}
