package com.wixanswers.wfm.realtime;

import com.wixanswers.wfm.answers.AgentActivityClient;
import com.wixanswers.wfm.answers.AgentActivityClient.Entry;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.TimeUnit;

/**
 * Wix Answers' answer, read on a thread of its own and handed over a chunk of entries at a time, so that the tick's
 * thread decodes and plans the first agents while the last ones are still being read (the reading is the longer
 * part). The tick's thread keeps the state to itself. Should the reading thread be slow to start, the tick's thread
 * reads the answer itself.
 */
final class AnswerReading {
    /** Entries handed over at once: each hand-off may wake a thread, which costs more than planning a few. */
    private static final int CHUNK = 512;
    private static final Entry[] END = new Entry[0];
    /** How long the first chunk may take before the tick's thread reads the answer itself, if nobody has begun. */
    private static final long START_GRACE_MILLIS = 2;

    private final LinkedTransferQueue<Entry[]> chunks = new LinkedTransferQueue<>();
    private final FutureTask<Integer> reading;
    private Entry[] filling = new Entry[CHUNK];
    private int filled;

    private AnswerReading(AgentActivityClient answers, Instant deadline) {
        reading = new FutureTask<>(() -> {
            try {
                return answers.fetch(deadline, this::handOver);
            } finally {
                if (filled > 0) {
                    chunks.add(Arrays.copyOf(filling, filled));
                }
                chunks.add(END);
            }
        });
    }

    /** Starts reading the answer on {@code reader}. */
    static AnswerReading start(Executor reader, AgentActivityClient answers, Instant deadline) {
        AnswerReading answer = new AnswerReading(answers, deadline);
        reader.execute(answer.reading);
        return answer;
    }

    private void handOver(Entry entry) {
        filling[filled++] = entry;
        if (filled == CHUNK) {
            chunks.add(filling);
            filling = new Entry[CHUNK];
            filled = 0;
        }
    }

    /**
     * The next entries, in the answer's order, as soon as they are read; null once the answer is over, however it
     * ended ({@link #outcome()} tells). They count only if it ended well.
     */
    Entry[] next() throws InterruptedException {
        Entry[] chunk = chunks.poll(START_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        if (chunk == null) {
            // Reads the answer here unless the reading thread has begun (then this returns at once).
            reading.run();
            chunk = chunks.take();
        }
        if (chunk == END) {
            chunks.add(END);
            return null;
        }
        return chunk;
    }

    /**
     * How the answer ended, once {@link #next()} has answered null: the number of entries it listed.
     *
     * @throws com.wixanswers.wfm.http.PeerException        as {@link AgentActivityClient#fetch} throws it
     * @throws com.wixanswers.wfm.config.SettingsException  when the token cannot be read
     */
    int outcome() throws InterruptedException {
        try {
            // The reading thread hands over the end just before it returns: this waits for the return itself.
            return reading.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }
}
