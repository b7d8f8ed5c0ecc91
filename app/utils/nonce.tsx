import { createContext, useContext } from "react";

const NonceContext = createContext<string>("");

export const NonceProvider = NonceContext.Provider;

/** The CSP nonce for this request's inline scripts. */
export function useNonce(): string {
  return useContext(NonceContext);
}
