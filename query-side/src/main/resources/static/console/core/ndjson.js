// Reads a response body of newline-delimited JSON (application/x-ndjson), calling onMessage(object)
// per line as the lines arrive; resolves when the body ends. Shared by the console's streams and
// the dashboard page (/dashboard/), which imports it from here.
export async function readNdjson(response, onMessage) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (line) onMessage(JSON.parse(line));
    }
  }
}
