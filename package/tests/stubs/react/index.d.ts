// A stand-in for @types/react 19 in the package's type tests (the project
// installs TypeScript only): React's module shape (a namespace exported with
// `export =`, JSX in `React.JSX`, `DetailedHTMLProps`), reduced to what the
// tests use.
export = React;
export as namespace React;

declare namespace React {
  type Key = string | number | bigint;
  interface RefObject<T> {
    current: T;
  }
  type RefCallback<T> = (instance: T | null) => void | (() => void);
  type Ref<T> = RefCallback<T> | RefObject<T | null> | null;
  type ReactNode = ReactElement | string | number | bigint | boolean | null | undefined | Iterable<ReactNode>;
  interface ReactElement {
    type: unknown;
    props: unknown;
    key: string | null;
  }
  interface Attributes {
    key?: Key | null | undefined;
  }
  interface RefAttributes<T> extends Attributes {
    ref?: Ref<T> | undefined;
  }
  interface ClassAttributes<T> extends RefAttributes<T> {}
  interface DOMAttributes<T> {
    children?: ReactNode | undefined;
    onClick?: ((event: MouseEvent) => void) | undefined;
  }
  interface HTMLAttributes<T> extends DOMAttributes<T> {
    className?: string | undefined;
    dir?: string | undefined;
    hidden?: boolean | undefined;
    id?: string | undefined;
    lang?: string | undefined;
    slot?: string | undefined;
    title?: string | undefined;
  }
  interface AnchorHTMLAttributes<T> extends HTMLAttributes<T> {
    href?: string | undefined;
  }
  type DetailedHTMLProps<E extends HTMLAttributes<T>, T> = ClassAttributes<T> & E;

  function useRef<T>(initialValue: T): RefObject<T>;
  function useRef<T>(initialValue: T | null): RefObject<T | null>;
  function useEffect(effect: () => void | (() => void), deps?: readonly unknown[]): void;

  namespace JSX {
    type ElementType = string | ((props: any) => ReactNode);
    interface Element extends ReactElement {}
    interface ElementAttributesProperty {
      props: {};
    }
    interface ElementChildrenAttribute {
      children: {};
    }
    interface IntrinsicAttributes extends Attributes {}
    interface IntrinsicElements {
      a: DetailedHTMLProps<AnchorHTMLAttributes<HTMLAnchorElement>, HTMLAnchorElement>;
      aside: DetailedHTMLProps<HTMLAttributes<HTMLElement>, HTMLElement>;
    }
  }
}
