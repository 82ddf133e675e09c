package io.sidedesk.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.sidedesk.Api;

/**
 * One Sidedesk instance as operators run it: the packaged jar in its own JVM (the image's
 * {@code jvm.options} and {@code -Xmx256m}), on its own port, against the database it is given. It can
 * be stopped as an orchestrator stops it (SIGTERM) or killed as a crash kills it (SIGKILL).
 */
final class ServiceInstance {

    static final String ADMIN_EMAIL = "reliability@sidedesk.test";
    static final String ADMIN_TOKEN = "reliability-admin-token-0123456789abcdef";

    private static final Duration STARTUP = Duration.ofSeconds(150);

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;

    private ServiceInstance(String name, int port, Path log, Process process) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts the jar (see {@link #jar()}) with the given extra arguments; returns once it is starting. */
    static ServiceInstance start(String name, String jdbcUrl, Path logs, String... arguments) throws IOException {
        int port = freePort();
        Path log = logs.resolve("instance-" + name + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + Path.of("jvm.options").toAbsolutePath(),
                "-Xmx256m",
                "-jar",
                jar().toString(),
                "--server.port=" + port,
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--sidedesk.admin.email=" + ADMIN_EMAIL,
                "--sidedesk.admin.token=" + ADMIN_TOKEN,
                // The suite plays the proxy in front of the instances: the addresses it forwards are the clients'.
                "--sidedesk.trusted-proxies=127.0.0.1/32,::1/128",
                "--logging.level.root=WARN",
                "--logging.level.org.springframework.boot.tomcat.GracefulShutdown=INFO",
                "--logging.level.com.zaxxer.hikari=INFO",
                // Its start (AOT-processed or not) and when its repositories were made.
                "--logging.level.io.sidedesk.SidedeskApplication=INFO",
                "--logging.level.io.sidedesk.database.RepositoryInitialization=INFO",
                // Logged once, by the thread that makes the first repository (Spring Data's JPA factory, made first).
                "--logging.level.org.springframework.data.jpa.repository.query.QueryEnhancerFactories=INFO"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The instance takes its database from its arguments alone, never from the environment of the build.
        builder.environment().keySet().removeIf(key -> key.startsWith("SPRING_") || key.startsWith("SIDEDESK_"));
        Process process = builder.start();
        // Should the suite's JVM end early (a failure, a timeout), its instances end with it.
        Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
        return new ServiceInstance(name, port, log, process);
    }

    /** The jar {@code mvn package} built (failsafe passes its path; run from the project root otherwise). */
    static Path jar() throws IOException {
        String configured = System.getProperty("sidedesk.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        try (var files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("sidedesk-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("No packaged jar in target/: run ./mvnw package"));
        }
    }

    /** Waits until readiness is UP; fails with the end of the instance's log if it does not come up. */
    ServiceInstance awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            if (ready()) {
                return this;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + STARTUP + ":\n" + tail());
    }

    /** Whether readiness answers UP now (false while unreachable). */
    boolean ready() {
        try {
            return api().anonymous().get("/actuator/health/readiness").status() == 200;
        } catch (IllegalStateException unreachable) {
            return false;
        }
    }

    /** Whether a new TCP connection to the instance's port is accepted. */
    boolean acceptsConnections() {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** The instance as the bootstrap admin (the bootstrap token is account-wide: any user's email works). */
    Api admin() {
        return api().as(ADMIN_EMAIL, ADMIN_TOKEN);
    }

    Api as(String email) {
        return api().as(email, ADMIN_TOKEN);
    }

    Api api() {
        return Api.at(port);
    }

    /** SIGTERM, as orchestrators stop a process; the JVM's exit code, or -1 if it had not exited in time. */
    int terminate(Duration patience) throws InterruptedException {
        process.destroy();
        return process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** SIGKILL: a crash, with no shutdown of any kind. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    boolean alive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
