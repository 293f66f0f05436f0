namespace kbq::query {}
