//! Recorded runs in small, for the tests of the model and of its drawings.

/// The file of a deadlock like chapter 7's: A holds lock 1 and waits for lock 2, B the
/// other way round; C came and went.
pub const CROSSED: &str = "timeline 2
object\t1\tlock\tlock 1
object\t2\tlock\tlock 2
lane\t0\t0\t-\tmain
lane\t1\t10\t-\tThread A
lane\t2\t10\t-\tThread B
lane\t3\t10\t500\t-
hold\t1\t20\t-\t1
hold\t2\t20\t-\t2
wait\t1\t100\t-\t2\t-
wait\t2\t100\t-\t1\t-
log\t3\t10\tThread 9: here
end\t2000000
complete
";

/// Chapter 5 in events: A holds the lock 1 s, B waits for it and A's release wakes B.
pub const HANDED_OVER: &str = "timeline 2
object\t1\tlock\tlock 1
lane\t4\t0\t2000000\tThread A
lane\t9\t0\t2000000\tThread B
hold\t4\t0\t1000000\t1
wait\t9\t10\t1000100\t1\t-
wake\t4\t1000000\t9\t1000100\t1
hold\t9\t1000100\t1500000\t1
value\t0\t2\tpermits free
value\t1000000\t1\tpermits free
end\t2000000
complete
";
