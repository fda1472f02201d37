/**
 * Reports a step of the report build and yields to the event loop, so a server building the report in the
 * background answers requests between steps (each step is synchronous CPU work).
 */
export async function progress(o: { readonly onProgress?: (what: string) => void }, what: string): Promise<void> {
  o.onProgress?.(what);
  await new Promise<void>((resolve) => setTimeout(resolve, 0));
}
