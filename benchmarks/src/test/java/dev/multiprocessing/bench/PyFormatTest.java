package dev.multiprocessing.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Expected strings were produced by CPython 3.11: {@code f"{v:.6g}"}. */
class PyFormatTest {

  @ParameterizedTest
  @CsvSource({
      "0.0, 0", "-0.0, -0", "1.0, 1", "123456.0, 123456", "1234567.0, 1.23457e+06",
      "999999.5, 1e+06", "999999.4, 999999", "0.0001, 0.0001", "1.234567e-05, 1.23457e-05",
      "12.3456789, 12.3457", "1e-05, 1e-05", "4.9e-324, 4.94066e-324",
      "1.7976931348623157e308, 1.79769e+308", "0.5, 0.5", "2.5, 2.5", "1.0000005, 1",
      "1.0000015, 1", "43.21, 43.21", "-7.25, -7.25", "100000.0, 100000", "1e16, 1e+16",
      "0.000123456789, 0.000123457", "3.14159e-10, 3.14159e-10", "2.675, 2.675", "1.45, 1.45",
      "0.30000000000000004, 0.3", "123.4565, 123.457", "1234565.0, 1.23456e+06"})
  void matchesPython(double v, String expected) {
    assertEquals(expected, PyFormat.g6(v));
  }

  @Test
  void nonFloatsAsStr() {
    assertEquals("20", PyFormat.fmt(20));
    assertEquals("spawn", PyFormat.fmt("spawn"));
    assertEquals("nan", PyFormat.fmt(Double.NaN));
  }

  @Test
  void medianLikeStatisticsMedian() {
    assertEquals(2.5, Results.median(List.of(3.0, 1.0, 2.0, 10.0)));
    assertEquals(2.0, Results.median(List.of(3.0, 1.0, 2.0)));
    assertEquals(2.67, Results.round2(2.675));   // binary 2.67499999...
  }

  @Test
  void emitLineLikePython() {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    new Results(new PrintStream(buf, true, StandardCharsets.UTF_8))
        .emit("process_start_spawn", "ms_start_to_join", List.of(3.0, 1.0, 2.0, 10.0), "method", "spawn", "runs", 4);
    // python3: emit("process_start_spawn", "ms_start_to_join", [3.0, 1.0, 2.0, 10.0], method="spawn", runs=4)
    assertEquals("RESULT name=process_start_spawn unit=ms_start_to_join value=2.5 min=1 max=10 samples=4"
        + " method=spawn runs=4\n", buf.toString(StandardCharsets.UTF_8));
  }

  @Test
  void cpuListExpansion() {
    assertEquals("0,1,2,5", SystemInfo.expandCpuList("0-2,5"));
    assertEquals("0", SystemInfo.expandCpuList("0"));
  }
}
