<?php

namespace App\Command;

class Run {}
