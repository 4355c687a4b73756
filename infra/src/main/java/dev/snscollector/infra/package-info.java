/**
 * The AWS side of the collector as an AWS CDK stack: the jobs queue with its dead-letter queue, the
 * results queue, the bucket, the token-key secret with its KMS key, the Redis the workers share
 * their budgets through, and the IAM roles the worker and the API assume through IRSA.
 */
@NullMarked
package dev.snscollector.infra;

import org.jspecify.annotations.NullMarked;
