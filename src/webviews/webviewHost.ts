// What every ReqDesk webview panel shares: one panel per kind, reused; a strict CSP with a
// per-load nonce from a cryptographic source; resources only from the built webview assets; the
// webview says "ready" first and the host queues until then; every incoming message is validated
// against the panel's protocol and anything invalid is dropped (and logged).
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type * as z from 'zod';

export interface WebviewHostOptions<FromView> {
  viewType: string;
  title: string;
  /** The bundle name under dist/webview/: `<name>.js` and `<name>.css`. */
  bundle: string;
  inbound: z.ZodType<FromView>;
  output: vscode.LogOutputChannel;
  extensionUri: vscode.Uri;
}

export abstract class WebviewHost<ToView, FromView extends { type: string }> implements vscode.Disposable {
  protected panel: vscode.WebviewPanel | undefined;
  private ready = false;
  private queue: ToView[] = [];
  private readonly panelDisposables: vscode.Disposable[] = [];
  /** Subscriptions that live as long as the host, not the panel (the index it follows). */
  private readonly owned: { dispose(): void }[] = [];
  /** Messages dropped as invalid (tests read it). */
  dropped = 0;

  constructor(protected readonly options: WebviewHostOptions<FromView>) {}

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  /** Opens the panel, or brings the existing one forward. */
  show(column: vscode.ViewColumn = vscode.ViewColumn.Active): void {
    if (this.panel) {
      this.panel.reveal(column);
      return;
    }
    const panel = vscode.window.createWebviewPanel(this.options.viewType, this.options.title, column, this.webviewOptions());
    this.attach(panel);
  }

  /** Takes over a panel (a new one, or one VS Code restores after a reload). */
  attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    this.ready = false;
    panel.webview.options = this.webviewOptions();
    panel.iconPath = vscode.Uri.joinPath(this.options.extensionUri, 'media', 'reqdesk.svg');
    panel.webview.html = this.html(panel.webview);
    this.panelDisposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidDispose(() => this.detach()),
    );
  }

  private detach(): void {
    for (const d of this.panelDisposables.splice(0)) d.dispose();
    this.panel = undefined;
    this.ready = false;
    this.queue = [];
  }

  private webviewOptions(): vscode.WebviewOptions {
    // Only the built webview assets can be loaded; no retainContextWhenHidden: state is restored.
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(this.options.extensionUri, 'dist', 'webview')] };
  }

  private html(webview: vscode.Webview): string {
    const nonce = randomBytes(16).toString('base64');
    const asset = (ext: string) =>
      webview.asWebviewUri(vscode.Uri.joinPath(this.options.extensionUri, 'dist', 'webview', `${this.options.bundle}.${ext}`));
    const csp = [
      "default-src 'none'",
      `img-src ${webview.cspSource} data:`,
      // The nonce lets the component toolkit add its one <style> (a feature test) without 'unsafe-inline'.
      `style-src ${webview.cspSource} 'nonce-${nonce}'`,
      `font-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta property="csp-nonce" content="${nonce}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('css').toString()}">
<title>${this.options.title.replace(/[<>&"]/g, '')}</title>
</head>
<body>
<div id="app"></div>
<script nonce="${nonce}" src="${asset('js').toString()}"></script>
</body>
</html>`;
  }

  /** Sends a message now, or when the webview has said it is ready. */
  post(message: ToView): void {
    if (!this.panel) return;
    if (!this.ready) this.queue.push(message);
    else void this.panel.webview.postMessage(message);
  }

  /** Validates and handles a message from the webview; false when it was dropped. */
  async receive(raw: unknown): Promise<boolean> {
    const parsed = this.options.inbound.safeParse(raw);
    if (!parsed.success) {
      this.dropped++;
      this.options.output.warn(
        `${this.options.viewType}: dropped an invalid message: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
      );
      return false;
    }
    const message = parsed.data;
    if (message.type === 'ready') {
      this.ready = true;
      this.queue = [];
      this.onReady();
      return true;
    }
    await this.handle(message);
    return true;
  }

  /** Keeps a subscription until the host is disposed. */
  protected own(subscription: { dispose(): void }): void {
    this.owned.push(subscription);
  }

  /** The webview (re)loaded: send it everything it shows. */
  protected abstract onReady(): void;
  protected abstract handle(message: FromView): Promise<void> | void;

  dispose(): void {
    for (const d of this.owned.splice(0)) d.dispose();
    this.panel?.dispose();
    this.detach();
  }
}
