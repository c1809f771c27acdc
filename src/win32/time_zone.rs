//! The local time zone as `GetTimeZoneInformation` describes it: the bias (UTC minus local
//! standard time, in minutes), the daylight saving bias, and the two yearly transitions in
//! Windows' "day-in-month" form (month, weekday, which one of the month, 5 for the last, and
//! the local wall time at which the clocks change).
//!
//! The offsets come from the system's time zone through a function the caller gives (the
//! offset in minutes at an instant); the year is scanned hour by hour and each change narrowed
//! to the minute.

/// 100 ns ticks per minute and per hour.
const MINUTE: u64 = 600_000_000;
const HOUR: u64 = 60 * MINUTE;
use super::filetime::UNIX_EPOCH as FILETIME_UNIX_EPOCH;

/// A yearly transition in Windows' "day-in-month" form (`SYSTEMTIME` with `wYear` 0).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Transition {
    pub month: u16,
    pub day_of_week: u16,
    /// 1 to 4: that occurrence of the weekday in the month; 5: the last one.
    pub week: u16,
    pub hour: u16,
    pub minute: u16,
}

/// What `TIME_ZONE_INFORMATION` holds, but the names.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Zone {
    pub bias: i32,
    pub daylight_bias: i32,
    /// When standard time begins (daylight saving time ends); None without daylight saving.
    pub standard: Option<Transition>,
    pub daylight: Option<Transition>,
    /// An instant in standard time and one in daylight time this year (for their names).
    pub standard_instant: u64,
    pub daylight_instant: Option<u64>,
    pub in_daylight: bool,
}

/// Year, month, day, weekday, hour, minute of FILETIME ticks read as UTC.
fn fields(ticks: u64) -> (i64, u16, u16, u16, u16, u16) {
    let secs = (ticks as i64 - FILETIME_UNIX_EPOCH as i64).div_euclid(10_000_000);
    let days = secs.div_euclid(86_400);
    let in_day = secs.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u16;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u16;
    let year = yoe + era * 400 + i64::from(month <= 2);
    let weekday = (days + 4).rem_euclid(7) as u16; // 1970-01-01 was a Thursday
    (
        year,
        month,
        day,
        weekday,
        (in_day / 3600) as u16,
        (in_day % 3600 / 60) as u16,
    )
}

fn days_in_month(year: i64, month: u16) -> u16 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The transition at `change` (UTC ticks), as the wall clock read it just before: `before`
/// is the offset in force until then.
fn transition(change: u64, before: i32) -> Transition {
    let wall = (change as i64 + i64::from(before) * MINUTE as i64) as u64;
    let (year, month, day, day_of_week, hour, minute) = fields(wall);
    let week = if day + 7 > days_in_month(year, month) {
        5
    } else {
        (day - 1) / 7 + 1
    };
    Transition {
        month,
        day_of_week,
        week,
        hour,
        minute,
    }
}

/// The zone in force around `now` (ticks), in the year starting at `year_start` (ticks, UTC
/// midnight of January 1st); `offset` gives the local offset from UTC in minutes at an
/// instant. None when the offset cannot be read.
pub fn describe(now: u64, year_start: u64, offset: impl Fn(u64) -> Option<i32>) -> Option<Zone> {
    let mut changes = Vec::new();
    let mut last = offset(year_start)?;
    let mut seen = vec![last];
    for hour in 1..=366 * 24 {
        let t = year_start + hour * HOUR;
        let o = offset(t)?;
        if o != last {
            // The first minute of the hour with the new offset.
            let (mut lo, mut hi) = (t - HOUR, t);
            while hi - lo > MINUTE {
                let mid = lo + (hi - lo) / MINUTE / 2 * MINUTE;
                if offset(mid)? == last {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            changes.push((hi, last, o));
            seen.push(o);
            last = o;
        }
    }
    let standard = *seen.iter().min()?;
    let daylight = *seen.iter().max()?;
    let mut zone = Zone {
        bias: -standard,
        standard_instant: year_start,
        ..Zone::default()
    };
    if standard == daylight {
        return Some(zone);
    }
    zone.daylight_bias = standard - daylight;
    zone.in_daylight = offset(now)? == daylight;
    for &(at, before, after) in &changes {
        if after == daylight && zone.daylight.is_none() {
            zone.daylight = Some(transition(at, before));
            zone.daylight_instant = Some(at);
        } else if after == standard && zone.standard.is_none() {
            zone.standard = Some(transition(at, before));
            zone.standard_instant = at;
        }
    }
    if zone.daylight_instant.is_none() {
        zone.daylight_instant = (0..=366 * 24)
            .map(|h| year_start + h * HOUR)
            .find(|&t| offset(t) == Some(daylight));
    }
    if zone.standard.is_none() {
        // The year began in daylight time and the change back is the one recorded.
        zone.standard_instant = (0..=366 * 24)
            .map(|h| year_start + h * HOUR)
            .find(|&t| offset(t) == Some(standard))
            .unwrap_or(year_start);
    }
    Some(zone)
}

/// One side of a program's `TIME_ZONE_INFORMATION`: `StandardDate` or `DaylightDate` as given
/// (`wYear` 0: the day-in-month form, `wDay` 1..5 the weekday's occurrence, 5 the last;
/// otherwise an absolute date, used as that month and day of the year converted).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rule {
    pub year: u16,
    pub month: u16,
    pub day_of_week: u16,
    pub day: u16,
    pub hour: u16,
    pub minute: u16,
    pub second: u16,
    pub milliseconds: u16,
}

/// A program's `TIME_ZONE_INFORMATION`, but the names (biases in minutes).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rules {
    pub bias: i32,
    pub standard_bias: i32,
    pub daylight_bias: i32,
    pub standard: Rule,
    pub daylight: Rule,
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
fn days_from_civil(year: i64, month: u16, day: u16) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The wall-clock ticks at which `rule` changes the clocks in `year`.
fn rule_ticks(rule: &Rule, year: i64) -> Option<i64> {
    if !(1..=12).contains(&rule.month) {
        return None;
    }
    let day = if rule.year != 0 {
        rule.day
    } else {
        let first = days_from_civil(year, rule.month, 1);
        let first_weekday = (first + 4).rem_euclid(7) as u16;
        let offset = (rule.day_of_week % 7 + 7 - first_weekday) % 7;
        let mut day = 1 + offset + 7 * (rule.day.clamp(1, 5) - 1);
        while day > days_in_month(year, rule.month) {
            day -= 7;
        }
        day
    };
    let secs = days_from_civil(year, rule.month, day) * 86_400
        + i64::from(rule.hour) * 3600
        + i64::from(rule.minute) * 60
        + i64::from(rule.second);
    Some(FILETIME_UNIX_EPOCH as i64 + secs * 10_000_000 + i64::from(rule.milliseconds) * 10_000)
}

/// UTC minus local time, in minutes, at `ticks` (a UTC time when `local` is false, a local
/// wall-clock time when it is true) under `rules`, as Windows' `SystemTimeToTzSpecificLocalTime`
/// and `TzSpecificLocalTimeToSystemTime` decide it: without both transition months the bias
/// alone; otherwise daylight time runs from the daylight date (a standard-time wall clock) to
/// the standard date (a daylight-time wall clock) of the time's year, across the new year in
/// the southern hemisphere. A local time in the hour repeated at the end of daylight time is
/// read as daylight time.
pub fn offset_minutes(rules: &Rules, ticks: i64, local: bool) -> i32 {
    let standard = rules.bias + rules.standard_bias;
    let daylight = rules.bias + rules.daylight_bias;
    if rules.standard.month == 0 || rules.daylight.month == 0 {
        return rules.bias;
    }
    let wall = if local {
        ticks
    } else {
        ticks - i64::from(rules.bias) * MINUTE as i64
    };
    let year = fields(wall.max(0) as u64).0;
    let (Some(mut dst_start), Some(mut dst_end)) = (
        rule_ticks(&rules.daylight, year),
        rule_ticks(&rules.standard, year),
    ) else {
        return rules.bias;
    };
    if !local {
        dst_start += i64::from(standard) * MINUTE as i64;
        dst_end += i64::from(daylight) * MINUTE as i64;
    }
    let in_daylight = if dst_start < dst_end {
        dst_start <= ticks && ticks < dst_end
    } else {
        !(dst_end <= ticks && ticks < dst_start)
    };
    if in_daylight {
        daylight
    } else {
        standard
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// FILETIME ticks of a UTC date and time.
    fn at(year: i64, month: u16, day: u16, hour: u16) -> u64 {
        let mut t = FILETIME_UNIX_EPOCH + (year - 1970) as u64 * 365 * 86_400 * 10_000_000
            - 400 * 86_400 * 10_000_000;
        while fields(t).0 < year
            || (fields(t).0 == year && (fields(t).1, fields(t).2, fields(t).4) < (month, day, hour))
        {
            t += HOUR;
        }
        t
    }

    #[test]
    fn fields_read_a_known_date() {
        // 2024-03-10 07:00 UTC was a Sunday.
        assert_eq!(fields(at(2024, 3, 10, 7)), (2024, 3, 10, 0, 7, 0));
    }

    #[test]
    fn a_zone_like_new_york() {
        // EST (-300) except from 2024-03-10 07:00 UTC to 2024-11-03 06:00 UTC (EDT, -240).
        let (spring, autumn) = (at(2024, 3, 10, 7), at(2024, 11, 3, 6));
        let offset = |t: u64| {
            Some(if (spring..autumn).contains(&t) {
                -240
            } else {
                -300
            })
        };
        let z = describe(at(2024, 7, 1, 0), at(2024, 1, 1, 0), offset).unwrap();
        assert_eq!((z.bias, z.daylight_bias, z.in_daylight), (300, -60, true));
        assert_eq!(
            z.daylight,
            Some(Transition {
                month: 3,
                day_of_week: 0,
                week: 2,
                hour: 2,
                minute: 0
            })
        );
        assert_eq!(
            z.standard,
            Some(Transition {
                month: 11,
                day_of_week: 0,
                week: 1,
                hour: 2,
                minute: 0
            })
        );
    }

    #[test]
    fn a_zone_without_daylight_saving() {
        let z = describe(at(2024, 7, 1, 0), at(2024, 1, 1, 0), |_| Some(330)).unwrap();
        assert_eq!(
            (
                z.bias,
                z.daylight_bias,
                z.standard,
                z.daylight,
                z.in_daylight
            ),
            (-330, 0, None, None, false)
        );
    }

    #[test]
    fn the_last_sunday_is_week_5() {
        // Central Europe: CEST from 2024-03-31 01:00 UTC to 2024-10-27 01:00 UTC.
        let (spring, autumn) = (at(2024, 3, 31, 1), at(2024, 10, 27, 1));
        let offset = |t: u64| {
            Some(if (spring..autumn).contains(&t) {
                120
            } else {
                60
            })
        };
        let z = describe(at(2024, 1, 15, 0), at(2024, 1, 1, 0), offset).unwrap();
        assert_eq!(
            z.daylight,
            Some(Transition {
                month: 3,
                day_of_week: 0,
                week: 5,
                hour: 2,
                minute: 0
            })
        );
        assert_eq!(
            z.standard,
            Some(Transition {
                month: 10,
                day_of_week: 0,
                week: 5,
                hour: 3,
                minute: 0
            })
        );
        assert!(!z.in_daylight);
    }

    #[test]
    fn rules_switch_at_the_wall_clock_times() {
        // UTC+10 with daylight time from the last Sunday of March 2:00 to the last Sunday of
        // October 3:00 (2004: March 28, October 31).
        let tz = Rules {
            bias: -600,
            standard_bias: 0,
            daylight_bias: -60,
            standard: Rule {
                month: 10,
                day: 5,
                hour: 3,
                ..Rule::default()
            },
            daylight: Rule {
                month: 3,
                day: 5,
                hour: 2,
                ..Rule::default()
            },
        };
        let t = |h| at(2004, 3, 28, h) as i64;
        assert_eq!(offset_minutes(&tz, t(1), true), -600);
        assert_eq!(offset_minutes(&tz, t(2), true), -660);
        let utc = |d, h| at(2004, 3, d, h) as i64;
        assert_eq!(offset_minutes(&tz, utc(27, 15), false), -600);
        assert_eq!(offset_minutes(&tz, utc(27, 16), false), -660);
        let no_dst = Rules {
            bias: 300,
            standard_bias: 7,
            ..Rules::default()
        };
        assert_eq!(offset_minutes(&no_dst, t(1), false), 300);
    }
}
