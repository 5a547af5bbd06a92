// The one handle on the host a webview gets; typed by the panel's protocol.
interface VsCodeApi<Out, State> {
  postMessage(message: Out): void;
  getState(): State | undefined;
  setState(state: State): void;
}

declare function acquireVsCodeApi<Out, State>(): VsCodeApi<Out, State>;

let api: unknown;

export function vscodeApi<Out, State>(): VsCodeApi<Out, State> {
  // acquireVsCodeApi may be called once per page.
  api ??= acquireVsCodeApi<Out, State>();
  return api as VsCodeApi<Out, State>;
}
