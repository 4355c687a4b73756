/**
 * Slack slash commands, served by the API: Slack's request signing ({@link
 * dev.snscollector.api.slack.SlackSignature}), the allowed channels and users, an audit row per
 * command, and the commands themselves ({@link dev.snscollector.api.slack.SlackCommands}).
 */
@NullMarked
package dev.snscollector.api.slack;

import org.jspecify.annotations.NullMarked;
