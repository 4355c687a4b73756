package dev.snscollector.contracts;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Tells forbiddenapis (which honours any annotation of this name) that the annotated code may use
 * an API its bundled lists flag. Used only for {@code com.sun.net.httpserver}: an exported,
 * supported JDK module ({@code jdk.httpserver}) that the {@code jdk-non-portable} list lumps in
 * with the internal {@code com.sun.*} packages.
 */
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.FIELD, ElementType.CONSTRUCTOR})
public @interface SuppressForbidden {
  /** Why the use is fine. */
  String reason();
}
