import { log } from '@/lib/log';
import { loadLimit } from './load-limits-env';

// An export's bytes as its client takes them, ended when the client stops taking them: a
// reader that asks for nothing for VIGIL_EXPORT_IDLE_SECONDS (30 unless set) is cut off, the
// export underneath cancelled (its cursor closed, its connection back in the export pool)
// and its place in the person's count given back. A chunk is asked of the export only when
// the client asks (highWaterMark 0), so the idle clock measures the client, never the query:
// it stops while a batch is being read and starts again when the batch is handed over.

export class StalledExportError extends Error {
  constructor(seconds: number) {
    super(`The export was ended: its client stopped reading for ${seconds} s.`);
    this.name = 'StalledExportError';
  }
}

export function guardExportStream(
  inner: ReadableStream<Uint8Array>,
  { onEnd, what }: { onEnd: () => void; what: string },
): ReadableStream<Uint8Array> {
  const idleSeconds = loadLimit('VIGIL_EXPORT_IDLE_SECONDS');
  const reader = inner.getReader();
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  const end = () => {
    clearTimeout(timer);
    if (ended) return;
    ended = true;
    onEnd();
  };
  const watch = (controller: ReadableStreamDefaultController<Uint8Array>) => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const error = new StalledExportError(idleSeconds);
      log('warn', 'Export ended: its client stopped reading', { export: what, idleSeconds });
      end();
      controller.error(error);
      reader.cancel(error).catch(() => {});
    }, idleSeconds * 1000);
    timer.unref?.();
  };

  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        watch(controller); // a client that never asks for the first byte is ended too
      },
      async pull(controller) {
        clearTimeout(timer);
        try {
          const next = await reader.read();
          if (ended) return;
          if (next.done) {
            end();
            controller.close();
            return;
          }
          controller.enqueue(next.value);
          watch(controller);
        } catch (error) {
          end();
          controller.error(error);
        }
      },
      async cancel(reason) {
        end();
        await reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
}
