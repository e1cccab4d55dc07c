/**
 * Python's {@code multiprocessing.sharedctypes}: shared values and arrays of ctypes-like types
 * ({@link dev.multiprocessing.sharedctypes.Typecode}, {@link dev.multiprocessing.sharedctypes.Structure}),
 * raw or synchronized by a lock. Start at {@link dev.multiprocessing.sharedctypes.SharedCtypes}.
 */
package dev.multiprocessing.sharedctypes;
