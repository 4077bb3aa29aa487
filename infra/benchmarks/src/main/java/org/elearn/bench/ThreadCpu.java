package org.elearn.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a service JVM's CPU went, by stage. Two sources, both read from outside the service:
 *
 * <ul>
 * <li><b>Per-thread CPU time</b>, from {@code jcmd <pid> Thread.print} before and after a window
 *   (each thread's {@code cpu=}, the same clock as {@code ThreadMXBean.getThreadCpuTime}), grouped
 *   by thread name: Axon's pooled processors name their threads {@code Coordinator[name]-n} and
 *   {@code WorkPackage[name]-n}, so each processor is exact. Threads that ended inside the window
 *   take their time with them; the process's own CPU less the sum of the threads is printed as such.
 * <li><b>JFR execution samples</b> (a Java stack every 10 ms per running thread), to split a thread
 *   group's exact CPU time between stages in proportion to its samples: encryption (a frame in the
 *   JDK's crypto providers, the platform's AES-GCM and subject ciphers, its key vault and
 *   key-encryption keys, or its e-mail hasher: the cipher work and the key lookups; the JSON
 *   handling around them, which walks or writes the personal fields, counts where it runs), append (a frame in Axon's
 *   event store or serializer, Spring JDBC, Hikari or pgjdbc, none of encryption), else HTTP and
 *   parsing (Netty, Jackson, validation, the controller). The request threads are split so, and
 *   each processor's share of decryption is taken the same way. Samples are of Java code only: time
 *   a thread spends in the kernel (socket writes) is spread in the same proportions.
 * </ul>
 */
final class ThreadCpu {

    static final String REQUESTS = "requests";
    static final String HTTP = "HTTP, parsing and validation";
    static final String ENCRYPTION = "encryption and keyed hashing";
    static final String APPEND = "append (serialization, JDBC, commit)";
    static final String GC = "garbage collection";
    static final String JIT = "JIT compilation";
    static final String OTHER = "other threads";

    private static final Pattern THREAD = Pattern.compile("^\"(.*)\" .*?cpu=([0-9.]+)(ms|s) .*?nid=(0x[0-9a-f]+)",
            Pattern.MULTILINE);
    private static final Pattern PROCESSOR = Pattern.compile("^(?:Coordinator|WorkPackage)\\[(.+)\\]-\\d+$");
    private static final List<String> CRYPTO = List.of("javax.crypto.", "com.sun.crypto.", "sun.security.",
            "org.elearn.events.privacy.Aes", "org.elearn.events.privacy.KeyVault",
            "org.elearn.events.privacy.KeyEncryptionKeys", "org.elearn.events.privacy.LocalKeyEncryptionKeys",
            "org.elearn.events.privacy.SubjectCipher", "org.elearn.support.keyvault.",
            "org.elearn.support.axon.DataKeyPrefetch", "org.elearn.support.privacy.EmailHasher");
    private static final List<String> STORAGE = List.of("org.axonframework.eventsourcing.",
            "org.axonframework.serialization.", "org.elearn.events.privacy.EncryptingSerializer",
            "org.springframework.jdbc.", "com.zaxxer.hikari.", "org.postgresql.");

    private ThreadCpu() {
    }

    /** Each live thread's CPU seconds so far, by name and native id. */
    static Map<String, Double> read(long pid) throws Exception {
        String dump = jcmd(pid, "Thread.print");
        Map<String, Double> threads = new LinkedHashMap<>();
        Matcher m = THREAD.matcher(dump);
        while (m.find()) {
            double value = Double.parseDouble(m.group(2));
            threads.put(m.group(1) + "|" + m.group(4), m.group(3).equals("ms") ? value / 1000 : value);
        }
        return threads;
    }

    /** The group a thread belongs to: a processor's name, the request threads, GC, JIT or other. */
    static String group(String thread) {
        String name = thread.substring(0, thread.lastIndexOf('|'));
        Matcher processor = PROCESSOR.matcher(name);
        if (processor.matches()) {
            return "processor " + processor.group(1);
        }
        if (name.startsWith("reactor-http-") || name.startsWith("boundedElastic-") || name.startsWith("reactor-tcp-")
                || name.startsWith("parallel-") || name.startsWith("single-")) {
            return REQUESTS;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
            return GC;
        }
        if (name.startsWith("C1 CompilerThread") || name.startsWith("C2 CompilerThread")) {
            return JIT;
        }
        return OTHER;
    }

    /** CPU seconds by group between two readings; threads not in {@code after} ended and are not counted. */
    static Map<String, Double> byGroup(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> groups = new TreeMap<>();
        after.forEach((thread, seconds) -> groups.merge(group(thread), seconds - before.getOrDefault(thread, 0.0),
                Double::sum));
        return groups;
    }

    /**
     * Starts a JFR recording in the service of execution samples only (a Java stack every 10 ms per
     * running thread), with settings written to {@code directory}: lighter than JDK's {@code profile}.
     */
    static void startRecording(long pid, Path directory) throws Exception {
        Path settings = directory.resolve("execution-samples.jfc");
        java.nio.file.Files.writeString(settings, """
                <?xml version="1.0" encoding="UTF-8"?>
                <configuration version="2.0" label="execution samples" description="bench stages" provider="bench">
                  <event name="jdk.ExecutionSample">
                    <setting name="enabled">true</setting>
                    <setting name="period">10 ms</setting>
                  </event>
                </configuration>
                """);
        jcmd(pid, "JFR.start", "name=bench-stages", "settings=" + settings);
    }

    /** Stops the recording and writes it to {@code file}. */
    static void stopRecording(long pid, Path file) throws Exception {
        jcmd(pid, "JFR.stop", "name=bench-stages", "filename=" + file);
    }

    /** The execution samples in {@code file}, by thread group ({@link #group}) and then by stage ({@link #stage}). */
    static Map<String, Map<String, Long>> samples(Path file) throws IOException {
        Map<String, Map<String, Long>> samples = new TreeMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            var thread = event.getThread("sampledThread");
            if (thread == null || thread.getJavaName() == null) {
                continue;
            }
            samples.computeIfAbsent(group(thread.getJavaName() + "|0x0"), g -> new LinkedHashMap<>(Map.of(HTTP, 0L,
                    ENCRYPTION, 0L, APPEND, 0L))).merge(stage(event.getStackTrace().getFrames()), 1L, Long::sum);
        }
        return samples;
    }

    static String stage(List<RecordedFrame> frames) {
        boolean storage = false;
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod() == null ? "" : frame.getMethod().getType().getName();
            if (CRYPTO.stream().anyMatch(type::startsWith)) {
                return ENCRYPTION;
            }
            storage |= STORAGE.stream().anyMatch(type::startsWith);
        }
        return storage ? APPEND : HTTP;
    }

    private static String jcmd(long pid, String... command) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("jcmd", Long.toString(pid)));
        args.addAll(List.of(command));
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " failed: "
                    + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
