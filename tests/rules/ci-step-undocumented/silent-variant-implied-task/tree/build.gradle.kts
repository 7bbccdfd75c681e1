plugins { id("java") }
