/**
 * What the worker keeps of each fetch, and where: {@link dev.snscollector.capture.Capture} (one
 * response with the request that produced it), its archive format ({@link
 * dev.snscollector.capture.CaptureFormat}, {@link dev.snscollector.capture.CaptureArchive}), the
 * credential scrubbing every kept capture passes ({@link
 * dev.snscollector.capture.CaptureScrubber}), and the S3 layout ({@link
 * dev.snscollector.capture.S3Layout}) the worker writes and the API reads. No HTTP, no AWS: the
 * worker, the API and the tools share it.
 */
@NullMarked
package dev.snscollector.capture;

import org.jspecify.annotations.NullMarked;
