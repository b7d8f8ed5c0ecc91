/**
 * Real processes for the tests that prove Linkway across processes: worker
 * and web processes started as `npm start`/`npm run worker` would start them,
 * and a local SMTP server that records what it was given.
 */
import { spawn, type ChildProcess } from "node:child_process";
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  messageId: string;
  to: string[];
  subject: string;
}

export interface SmtpSink {
  url: string;
  received: ReceivedMail[];
  /** Called with each message before the server answers; may hold the answer back (a crash mid-send). */
  onMessage?: (mail: ReceivedMail) => Promise<void> | void;
  close: () => Promise<void>;
}

function header(raw: string, name: string): string {
  const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? "";
  // Folded headers continue on lines that start with white space.
  const match = new RegExp(`^${name}:[ \\t]*((?:.*)(?:\\r?\\n[ \\t].*)*)`, "im").exec(head);
  return (match?.[1] ?? "").replace(/\r?\n[ \t]+/g, " ").trim();
}

/** An SMTP server on loopback that accepts everything and records each message's Message-ID. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = { url: "", received: [], close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        const mail: ReceivedMail = {
          messageId: header(raw, "Message-ID"),
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: header(raw, "Subject"),
        };
        sink.received.push(mail);
        void Promise.resolve(sink.onMessage?.(mail)).then(() => callback(), callback);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  sink.url = `smtp://127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

export interface Started {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  kill: (signal?: NodeJS.Signals) => Promise<void>;
}

/** Every child started here and not yet gone, so a failing test can still end them all. */
const alive = new Set<ChildProcess>();

/** Signals the child's whole process group (it leads its own), so anything it started goes too. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid!, signal);
  } catch {
    child.kill(signal);
  }
}

/** Ends every process `startScript` started that is still running (for afterAll, whatever happened). */
export async function stopAllStarted(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
  const children = [...alive];
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once("exit", () => resolve());
          signalGroup(child, signal);
        }),
    ),
  );
}

/** Starts `tsx <script>` with the test's environment plus `env`; resolves once `ready` appears in its output. */
export async function startScript(script: string, env: Record<string, string>, ready: RegExp, timeoutMs = 90_000): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    env: { ...process.env, NODE_ENV: "test", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so stopping it cannot leave a grandchild behind.
    detached: true,
  });
  alive.add(child);
  child.once("exit", () => alive.delete(child));
  let text = "";
  child.stdout!.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      signalGroup(child, "SIGKILL");
      reject(new Error(`${script} did not start in ${timeoutMs} ms:\n${text}`));
    }, timeoutMs);
    const check = () => {
      if (ready.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready:\n${text}`));
    });
  });
  return {
    child,
    output: () => text,
    exited,
    kill: async (signal = "SIGTERM") => {
      signalGroup(child, signal);
      await exited;
    },
  };
}

/** Polls until `check` returns true. */
export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A port nobody is listening on right now (the OS picks it; the caller binds it a moment later). */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
