pub fn scan() {}
