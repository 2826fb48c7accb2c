// The oracle of the java-regex differential test (npm run test:regex): Java's
// own java.util.regex.Pattern. Compiled and run at test time (`java
// RegexOracle.java`, Java 11+ single-file source); nothing binary is committed.
//
// Input, one case per line: base64(pattern) TAB base64(subject),base64(subject)...
// Output, one line per case: "OK" TAB one of 1/0/S per subject (matches(),
// S = StackOverflowError, E = another exception), or "ERR" TAB base64(the error's description, or
// "!" and the exception's class when Pattern.compile fails otherwise).
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

public class RegexOracle {
  public static void main(String[] args) throws Exception {
    Base64.Decoder dec = Base64.getDecoder();
    Base64.Encoder enc = Base64.getEncoder();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    StringBuilder out = new StringBuilder();
    String line;
    while ((line = in.readLine()) != null) {
      String[] parts = line.split("\t", -1);
      String pattern = new String(dec.decode(parts[0]), StandardCharsets.UTF_8);
      Pattern p;
      try {
        p = Pattern.compile(pattern);
      } catch (PatternSyntaxException e) {
        String message = e.getDescription();
        out.append("ERR\t").append(enc.encodeToString(message.getBytes(StandardCharsets.UTF_8))).append('\n');
        continue;
      } catch (RuntimeException | StackOverflowError e) {
        // Pattern.compile itself fails on a few patterns: refused all the same.
        String message = "!" + e.getClass().getName();
        out.append("ERR\t").append(enc.encodeToString(message.getBytes(StandardCharsets.UTF_8))).append('\n');
        continue;
      }
      StringBuilder results = new StringBuilder();
      if (parts.length > 1 && !parts[1].isEmpty()) {
        for (String s : parts[1].split(",", -1)) {
          String subject = new String(dec.decode(s), StandardCharsets.UTF_8);
          try {
            results.append(p.matcher(subject).matches() ? '1' : '0');
          } catch (StackOverflowError e) {
            results.append('S');
          } catch (RuntimeException e) {
            results.append('E'); // e.g. a NullPointerException from inside Pattern
          }
        }
      }
      out.append("OK\t").append(results).append('\n');
    }
    System.out.print(out);
  }
}
