package dev.multiprocessing.connection;

/**
 * Python's {@code Pipe()} result: two connected ends. With {@code duplex=false}, {@link #conn1()}
 * only receives and {@link #conn2()} only sends.
 */
public record Pipe(Connection conn1, Connection conn2) {}
