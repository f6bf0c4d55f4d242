import net from 'node:net';

/**
 * Sends bytes exactly as given to 127.0.0.1:port and collects what comes back
 * until the server closes or `idleMs` passes with nothing new: for requests no
 * well-behaved client would send (bad request lines, absolute-form targets).
 */
export function rawRequest(port: number, bytes: string | Buffer, idleMs = 1500): Promise<{ text: string; status: number | null; closedByServer: boolean }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    let timer: NodeJS.Timeout | undefined;
    let closedByServer = false;
    const finish = () => {
      clearTimeout(timer);
      socket.destroy();
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
      resolve({ text, status: m ? Number(m[1]) : null, closedByServer });
    };
    const idle = () => {
      clearTimeout(timer);
      timer = setTimeout(finish, idleMs);
    };
    socket.on('connect', () => {
      socket.write(bytes);
      idle();
    });
    socket.on('data', (c: Buffer) => {
      text += c.toString('latin1');
      idle();
    });
    socket.on('end', () => {
      closedByServer = true;
      finish();
    });
    socket.on('error', () => {
      closedByServer = true;
      finish();
    });
  });
}

/** A well-formed request line and headers for the harness (token and Host set). */
export function requestHead(port: number, method: string, target: string, token: string | null, extra: Record<string, string> = {}): string {
  const headers: Record<string, string> = { Host: `127.0.0.1:${port}`, Connection: 'close', ...(token ? { 'X-Kynect-Desk-Token': token } : {}), ...extra };
  return `${method} ${target} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\r\n')}\r\n\r\n`;
}
