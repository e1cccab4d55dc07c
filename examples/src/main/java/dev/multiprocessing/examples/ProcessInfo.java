package dev.multiprocessing.examples;

import dev.multiprocessing.Multiprocessing;
import dev.multiprocessing.Process;

/**
 * Python's example that shows the process ids involved:
 *
 * <pre>{@code
 * from multiprocessing import Process
 * import os
 *
 * def info(title):
 *     print(title)
 *     print('module name:', __name__)
 *     print('parent process:', os.getppid())
 *     print('process id:', os.getpid())
 *
 * def f(name):
 *     info('function f')
 *     print('hello', name)
 *
 * if __name__ == '__main__':
 *     info('main line')
 *     p = Process(target=f, args=('bob',))
 *     p.start()
 *     p.join()
 * }</pre>
 *
 * <p>The child's {@code parent process} is the main line's {@code process id}, as in Python.
 */
public final class ProcessInfo {

  private ProcessInfo() {}

  static void info(String title) {
    System.out.println(title);
    System.out.println("module name: " + moduleName());
    System.out.println("parent process: " + parentPid());
    System.out.println("process id: " + ProcessHandle.current().pid());
  }

  /**
   * Python's {@code __name__} of the main module: {@code __main__} in the program that was started,
   * {@code __mp_main__} in a spawned or forkserver child, which imports the main module under that
   * name (so that the {@code if __name__ == '__main__'} block does not run again). The Java
   * analogue: whether this JVM is the program itself or a child started by the library.
   */
  static String moduleName() {
    return Multiprocessing.parentProcess() == null ? "__main__" : "__mp_main__";
  }

  /**
   * Python's {@code os.getppid()}. In the main process it is the OS parent (the shell, or Maven).
   * In a child it is the process that started it: with the {@code forkserver} start method the OS
   * parent of a child JVM is the fork server's JVM, not the logical parent, so the child asks the
   * library ({@code parent_process().pid}), which is what Python's {@code os.getppid()} shows.
   */
  static long parentPid() {
    Process parent = Multiprocessing.parentProcess();
    if (parent != null) {
      return parent.getPid();
    }
    return ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
  }

  static void f(String name) {
    info("function f");
    System.out.println("hello " + name);
  }

  public static void main(String[] args) {
    info("main line");
    Process p = new Process(() -> f("bob"));
    p.start();
    p.join();
  }
}
