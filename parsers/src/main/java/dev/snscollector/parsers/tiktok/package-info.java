/**
 * TikTok page types. Web pages ({@code tiktok.web.profile}, {@code tiktok.web.video}) are read from
 * the {@code __UNIVERSAL_DATA_FOR_REHYDRATION__} script (2024–2026 layout); captcha and login walls
 * are classified first, and a page in the older {@code SIGI_STATE} layout is drift for schema v1,
 * never misread. The Display API v2 ({@code tiktok.api.user_info}, {@code tiktok.api.video_list},
 * {@code tiktok.api.video_query}) is read in the shapes of TikTok's public documentation, with
 * error bodies classified by {@link dev.snscollector.parsers.tiktok.TiktokApiErrors}.
 */
@NullMarked
package dev.snscollector.parsers.tiktok;

import org.jspecify.annotations.NullMarked;
