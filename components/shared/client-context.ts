/** Hands the ExtensionClient to components that act (copy, open, download) without importing the browser. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ExtensionClient } from '../extension-client';

export const ClientContext = createContext<ExtensionClient | null>(null);

export function useClient(): ExtensionClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('ClientContext is missing: wrap the page in <ClientContext.Provider>');
  return client;
}
